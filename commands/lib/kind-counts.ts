/** How many projects and resources: `8 projects`, `7 resources`, `3 projects · 1 resource`. */
import type { Entry } from '../../src/list/types.js';

export interface KindTally {
  projects: number;
  resources: number;
}

export function tallyKinds(entries: readonly Pick<Entry, 'kind'>[]): KindTally {
  const resources = entries.filter((entry) => entry.kind === 'resource').length;
  return { projects: entries.length - resources, resources };
}

/** Zero parts are left out, except when both are zero (`0 projects`). */
export function kindCountText({ projects, resources }: KindTally): string {
  const parts = [
    projects > 0 || resources === 0 ? plural(projects, 'project') : undefined,
    resources > 0 ? plural(resources, 'resource') : undefined,
  ];
  return parts.filter((part) => part !== undefined).join(' · ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
