import { isSelfDescribingHeading } from './self-describing.js';
import type { Category } from './types.js';

/** Headings whose sections describe the list itself (contributing, licence, contents, keys), not projects. */
export function isMetaSection(heading: string): boolean {
  return isSelfDescribingHeading(heading);
}

export const UNCATEGORIZED = 'Uncategorized';

export interface SectionBuild {
  name: string;
  depth: number;
  parent?: SectionBuild;
  line: number;
  entryCount: number;
  /** The section holds `#anchor` table-of-contents links. */
  hasTableOfContents: boolean;
  meta: boolean;
}

/** Tracks the `##`/`###` outline while the document is read top to bottom. */
export class Outline {
  title?: string;
  firstHeading?: string;
  category?: SectionBuild;
  subcategory?: SectionBuild;
  readonly sections: SectionBuild[] = [];
  private uncategorized?: SectionBuild;
  /** Every open heading by depth (index 0 for `#`), the list's title left out. */
  private readonly path: (string | undefined)[] = [];

  /** Updates the outline for a heading; a shallower heading resets the deeper levels. */
  enterHeading(depth: number, text: string, line: number): void {
    if (!isMetaSection(text)) this.firstHeading ??= text;
    this.path.length = depth - 1;
    this.path[depth - 1] = depth === 1 && this.title === undefined ? undefined : text;
    if (depth === 1) {
      this.title ??= text;
      this.category = undefined;
      this.subcategory = undefined;
    } else if (depth === 2 || (depth === 3 && this.category === undefined)) {
      this.category = this.open(text, depth, line, undefined);
      this.subcategory = undefined;
    } else if (depth === 3) {
      this.subcategory = this.open(text, depth, line, this.category);
    }
  }

  /** The innermost open section, for marking a table of contents. */
  current(): SectionBuild | undefined {
    return this.subcategory ?? this.category;
  }

  /** True while inside a Contributing/License/… section: its lists are not entries. */
  inMetaSection(): boolean {
    return this.current()?.meta ?? false;
  }

  /** Marks the current section, while it has no entries, as describing the list (it holds a key or glossary). */
  markMeta(): void {
    const section = this.current();
    if (section !== undefined && section.entryCount === 0) section.meta = true;
  }

  /** The headings above the current position, outermost first (`#` groups and `####` included). */
  headingPath(): string[] {
    return this.path.filter((heading): heading is string => heading !== undefined);
  }

  /** Counts one entry and returns its category/subcategory names. */
  countEntry(line: number): { category: string; subcategory?: string } {
    const category = this.category ?? this.openUncategorized(line);
    category.entryCount += 1;
    if (this.subcategory === undefined) return { category: category.name };
    this.subcategory.entryCount += 1;
    return { category: category.name, subcategory: this.subcategory.name };
  }

  /** Sections that are categories: not meta sections, not pure tables of contents. */
  categories(): { category: Category; build: SectionBuild }[] {
    return this.sections
      .filter((section) => !section.meta && !(section.hasTableOfContents && section.entryCount === 0))
      .map((build) => ({ build, category: toCategory(build) }));
  }

  private open(name: string, depth: number, line: number, parent: SectionBuild | undefined): SectionBuild {
    const meta = isMetaSection(name) || (parent?.meta ?? false);
    const section: SectionBuild = { name, depth, line, entryCount: 0, hasTableOfContents: false, meta };
    if (parent !== undefined) section.parent = parent;
    this.sections.push(section);
    return section;
  }

  private openUncategorized(line: number): SectionBuild {
    if (this.uncategorized === undefined) {
      this.uncategorized = {
        name: UNCATEGORIZED,
        depth: 2,
        line,
        entryCount: 0,
        hasTableOfContents: false,
        meta: false,
      };
      this.sections.unshift(this.uncategorized);
    }
    return this.uncategorized;
  }
}

function toCategory(build: SectionBuild): Category {
  const category: Category = {
    name: build.name,
    depth: build.depth,
    line: build.line,
    entryCount: build.entryCount,
  };
  if (build.parent !== undefined) category.parent = build.parent.name;
  return category;
}
