import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

/**
 * `npm run k8s:check`: renders the Kustomize base and every overlay under deploy/k8s (kubectl's
 * built-in Kustomize) and validates each object against the Kubernetes API schemas shipped in
 * the kubernetes-models package, then checks what operators rely on: probes on /livez and
 * /readyz, resource requests, a PodDisruptionBudget and an autoscaler per service, the
 * subgraphs reachable only from the gateway, the migration Job.
 */
export const KUSTOMIZATIONS = ['deploy/k8s/base', 'deploy/k8s/overlays/production'];

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  [field: string]: unknown;
}

/** The schema problem of one object, or undefined when it is valid. */
function schemaProblem(manifest: Manifest): string | undefined {
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
  let models: Record<string, new (data: unknown) => { validate(): void }>;
  try {
    models = require(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
  } catch {
    return `unknown API version ${manifest.apiVersion}`;
  }
  const Model = models[manifest.kind];
  if (!Model) return `unknown kind ${manifest.kind} in ${manifest.apiVersion}`;
  try {
    new Model(manifest).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/** Every problem found in one rendered kustomization (empty when it may be applied). */
export function checkManifests(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const named = (manifest: Manifest) => `${manifest.kind} ${manifest.metadata?.name}`;
  for (const manifest of manifests) {
    const problem = schemaProblem(manifest);
    if (problem) problems.push(`${named(manifest)}: ${problem}`);
  }
  const workloads = manifests.filter((manifest) => ['Deployment', 'StatefulSet', 'Job'].includes(manifest.kind));
  for (const workload of workloads) {
    for (const container of workload.spec?.template?.spec?.containers ?? []) {
      const where = `${named(workload)}, container ${container.name}`;
      if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory) problems.push(`${where}: no CPU and memory requests`);
      if (workload.kind !== 'Job' && (!container.readinessProbe || !container.livenessProbe)) problems.push(`${where}: no readiness and liveness probes`);
    }
  }
  const services = workloads.filter((workload) => ['gateway', 'subgraph'].includes(workload.metadata.labels?.['app.kubernetes.io/component'] ?? ''));
  if (services.length !== 5) problems.push(`expected the gateway and four subgraphs, found ${services.map(named).join(', ') || 'none'}`);
  for (const service of services) {
    const [container] = service.spec.template.spec.containers;
    if (container.livenessProbe?.httpGet?.path !== '/livez') problems.push(`${named(service)}: the liveness probe must ask /livez`);
    if (container.readinessProbe?.httpGet?.path !== '/readyz') problems.push(`${named(service)}: the readiness probe must ask /readyz`);
    const podLabels = service.spec.template.metadata.labels;
    if (!manifests.some((other) => other.kind === 'PodDisruptionBudget' && matches(other.spec?.selector?.matchLabels, podLabels))) {
      problems.push(`${named(service)}: no PodDisruptionBudget`);
    }
    if (!manifests.some((other) => other.kind === 'HorizontalPodAutoscaler' && other.spec?.scaleTargetRef?.name === service.metadata.name)) {
      problems.push(`${named(service)}: no HorizontalPodAutoscaler`);
    }
  }
  // The subgraphs: selected by a policy admitting the gateway, and by none admitting every pod.
  const policies = manifests.filter((manifest) => manifest.kind === 'NetworkPolicy');
  for (const subgraph of services.filter((service) => service.metadata.labels?.['app.kubernetes.io/component'] === 'subgraph')) {
    const applying = policies.filter((policy) => matches(policy.spec?.podSelector?.matchLabels, subgraph.spec.template.metadata.labels));
    const sources = applying.flatMap((policy) => (policy.spec.ingress ?? []).flatMap((rule: any) => rule.from ?? [undefined]));
    if (applying.length === 0) problems.push(`${named(subgraph)}: no NetworkPolicy`);
    if (sources.some((source: any) => source === undefined || (source.podSelector && Object.keys(source.podSelector).length === 0))) {
      problems.push(`${named(subgraph)}: a NetworkPolicy admits every pod`);
    }
    if (!sources.some((source: any) => source?.podSelector?.matchLabels?.['app.kubernetes.io/component'] === 'gateway')) {
      problems.push(`${named(subgraph)}: the gateway may not reach it`);
    }
  }
  const migrate = manifests.find((manifest) => manifest.kind === 'Job');
  if (!migrate?.spec?.template?.spec?.containers?.[0]?.command?.includes('dist/scripts/migrate.js')) problems.push('no Job running the migrations');
  return problems;
}

/** The objects of a kustomization (a directory relative to the repository, where the scripts run). */
export function render(kustomization: string): Manifest[] {
  const output = execFileSync('kubectl', ['kustomize', kustomization], { encoding: 'utf8' });
  return parseAllDocuments(output).map((document) => document.toJS() as Manifest);
}

function main(): void {
  let failed = false;
  for (const kustomization of KUSTOMIZATIONS) {
    const manifests = render(kustomization);
    const problems = checkManifests(manifests);
    console.log(`${kustomization}: ${manifests.length} objects, ${problems.length === 0 ? 'valid' : `${problems.length} problems`}`);
    for (const problem of problems) console.log(`  - ${problem}`);
    failed ||= problems.length > 0;
  }
  if (failed) process.exit(1);
}

if (require.main === module) main();
