import { checkManifests, KUSTOMIZATIONS, render, type Manifest } from './k8s-check';

/** The check `npm run k8s:check` runs in CI: the committed manifests pass, and it catches what it is for. */
const base = () => render(KUSTOMIZATIONS[0]);
const find = (manifests: Manifest[], kind: string, name: string) => manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name)!;

it.each(KUSTOMIZATIONS)('finds nothing wrong in %s', (kustomization) => {
  expect(checkManifests(render(kustomization))).toEqual([]);
});

it('refuses objects that break the Kubernetes schema', () => {
  const manifests = base();
  find(manifests, 'Deployment', 'teams').spec.replicas = 'two';
  find(manifests, 'Service', 'gateway').spec.ports[0].port = '4000';
  expect(checkManifests(manifests)).toEqual([
    expect.stringMatching(/^Service gateway: .*port must be integer/),
    expect.stringMatching(/^Deployment teams: .*replicas must be integer/),
  ]);
});

it('refuses a service without probes, requests, disruption budget or autoscaler', () => {
  const manifests = base().filter((manifest) => !(manifest.metadata.name === 'events' && ['PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(manifest.kind)));
  const [container] = find(manifests, 'Deployment', 'partners').spec.template.spec.containers;
  delete container.readinessProbe;
  delete container.resources;
  expect(checkManifests(manifests).sort()).toEqual([
    'Deployment events: no HorizontalPodAutoscaler',
    'Deployment events: no PodDisruptionBudget',
    'Deployment partners, container partners: no CPU and memory requests',
    'Deployment partners, container partners: no readiness and liveness probes',
    'Deployment partners: the readiness probe must ask /readyz',
  ]);
});

it('refuses subgraphs that pods other than the gateway may reach', () => {
  const manifests = base();
  find(manifests, 'NetworkPolicy', 'subgraphs-from-gateway').spec.ingress.push({ from: [{ podSelector: {} }] });
  expect(checkManifests(manifests).sort()).toEqual(['events', 'partners', 'resources', 'teams'].map((name) => `Deployment ${name}: a NetworkPolicy admits every pod`));
});
