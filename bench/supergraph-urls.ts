/** The supergraph with each named subgraph's URL replaced (`@join__graph(name: "teams", url: …)`). */
export function supergraphWithUrls(sdl: string, urls: Record<string, string | undefined>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (original, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : original,
  );
}
