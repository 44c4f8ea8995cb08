/**
 * A storm: at least `share` of the fleet, and at least `minNodes` nodes, failing a reachability
 * check in one run. Then the controller's own network is the likely cause: fixing nodes one by
 * one would be wrong, and one grouped alert says more than one alert per node.
 */
export function isStorm(failing: number, total: number, share: number, minNodes: number): boolean {
  return total > 0 && failing >= minNodes && failing >= share * total;
}
