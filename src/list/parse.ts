import type { Definition, List, ListItem, Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitForParsing } from './chunks.js';
import { capPerRule, diagnostic } from './diagnostics.js';
import type { DefinitionMap, FoundLink } from './inline.js';
import { collapseWhitespace, readItemFields } from './item-text.js';
import { definitionMap, firstParagraph, inlineText, paragraphLinks } from './inline.js';
import type { ParseLimits } from './limits.js';
import { DEFAULT_LIMITS } from './limits.js';
import { listDiagnostics } from './checks.js';
import { decideKind, type HeadingKind, type KindEvidence, listDefaultKind, sectionKind } from './kind.js';
import { linkTarget } from './link-target.js';
import { githubRepo } from './repo.js';
import { sanitizeInput } from './sanitize.js';
import { Outline } from './sections.js';
import { isGlossaryList } from './self-describing.js';
import { entrySlug, IdAllocator } from './slug.js';
import { describeError } from '../text/describe-error.js';
import type { Diagnostic, Entry, ListDocument } from './types.js';
import { describeUrl, fallbackName, primaryLink } from './item-link.js';
import { htmlHeading } from './html-title.js';
import { classifyLink } from './url.js';
import { truncate } from '../text/truncate.js';

export interface ParseOptions {
  limits?: Partial<ParseLimits>;
  /**
   * Called after each part of the text is read (a long list is parsed in parts, see chunks.ts),
   * with the characters read so far and in all.
   */
  onProgress?: (progress: ParseProgress) => void;
  /** Characters per part; tests set it small to exercise the cutting. */
  partChars?: number;
}

export interface ParseProgress {
  readChars: number;
  totalChars: number;
}

/** Characters parsed at once: about 25 MB of syntax tree and micromark events. */
export const DEFAULT_PART_CHARS = 128 * 1024;

/** Nested list levels followed; the input guard keeps real input far below this. */
const MAX_LIST_DEPTH = 64;
const UNTITLED = 'Untitled';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Reads an awesome list: every list item whose first paragraph links to an absolute http(s) URL is an entry.
 * Never throws: problems (and hostile input) come back as diagnostics.
 */
export function parseList(markdown: string, options: ParseOptions = {}): ListDocument {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const input = sanitizeInput(typeof markdown === 'string' ? markdown : '', limits);
  const reader = new ListReader();
  reader.diagnostics.push(...input.diagnostics);
  // The whole text is read, in parts that parse as they do in the whole (the tree of one part at a time).
  for (const part of splitForParsing(input.text, options.partChars ?? DEFAULT_PART_CHARS)) {
    const tree = parseMarkdown(part.text, reader.diagnostics, part.lineOffset);
    if (tree !== undefined) reader.read(tree, part.lineOffset);
    options.onProgress?.({ readChars: part.end, totalChars: input.text.length });
  }
  return reader.finish();
}

function parseMarkdown(text: string, diagnostics: Diagnostic[], lineOffset: number): Root | undefined {
  try {
    return processor.parse(text);
  } catch (error) {
    const reason = describeError(error);
    diagnostics.push(diagnostic('parse-failed', `markdown could not be parsed: ${reason}`, lineOffset + 1));
    return undefined;
  }
}

interface ItemFrame {
  item: ListItem;
  groups: readonly string[];
  depth: number;
  /** Some item of the same list has a link, so a link-less item there is a mistake. */
  inLinkList: boolean;
}

class ListReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly entries: Entry[] = [];
  /** What each entry's headings and link say about its kind, by position; settled in finish(). */
  private readonly kindEvidence: KindEvidence[] = [];
  /** The kind the current headings give their entries. */
  private headingKind: HeadingKind;
  private readonly outline = new Outline();
  private readonly ids = new IdAllocator();
  private definitions: DefinitionMap = new Map();
  private reportedDeepList = false;
  /** Text of an HTML `<h1>` in the list's header, for lists without a markdown `#` title. */
  private htmlTitle?: string;
  /** Lines of the text before the part being read. */
  private lineOffset = 0;

  /** Reads one part of the document (or all of it); parts come in document order. */
  read(tree: Root, lineOffset = 0): void {
    this.lineOffset = lineOffset;
    this.definitions = definitionMap(collectDefinitions(tree));
    for (const node of tree.children) {
      if (node.type === 'heading') {
        const text = collapseWhitespace(inlineText(node.children));
        this.outline.enterHeading(node.depth, text, this.lineOf(node));
        this.headingKind = sectionKind(this.outline.headingPath());
      } else if (node.type === 'html') {
        this.htmlTitle ??= htmlHeading(node.value);
      } else if (node.type === 'list' && !this.outline.inMetaSection()) {
        if (isGlossaryList(node)) this.outline.markMeta();
        else this.readList(node);
      }
    }
  }

  finish(): ListDocument {
    this.settleKinds();
    const categories = this.outline.categories();
    this.diagnostics.push(...listDiagnostics(this.entries, categories));
    return {
      title: this.outline.title ?? this.htmlTitle ?? this.outline.firstHeading ?? UNTITLED,
      categories: categories.map(({ category }) => category),
      entries: this.entries,
      diagnostics: capPerRule(this.diagnostics),
    };
  }

  /** Each entry's kind, now that the kind most of the list's links point at is known. */
  private settleKinds(): void {
    const listDefault = listDefaultKind(this.kindEvidence);
    this.entries.forEach((entry, position) => {
      const evidence = this.kindEvidence[position];
      if (evidence !== undefined) entry.kind = decideKind(evidence, listDefault);
    });
  }

  /** Depth-first over nested lists with an explicit stack, so deep nesting cannot overflow the call stack. */
  private readList(list: List): void {
    const stack: ItemFrame[] = [];
    pushItems(stack, list, [], 0, this.definitions);
    for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
      const groups = this.readItem(frame);
      const nested = frame.item.children.filter((child): child is List => child.type === 'list');
      if (nested.length > 0 && frame.depth + 1 >= MAX_LIST_DEPTH) {
        this.reportDeepList(frame.item);
        continue;
      }
      for (let i = nested.length - 1; i >= 0; i -= 1) {
        pushItems(stack, nested[i] as List, groups, frame.depth + 1, this.definitions);
      }
    }
  }

  /** Handles one item and returns the group path its nested items inherit. */
  private readItem(frame: ItemFrame): readonly string[] {
    const { item, groups } = frame;
    const paragraph = firstParagraph(item);
    const links = paragraph === undefined ? [] : paragraphLinks(paragraph, this.definitions);
    const primary = primaryLink(links);
    if (primary === undefined && links.length > 0) {
      this.markTableOfContents();
      return groups;
    }
    if (primary === undefined) return this.readLinklessItem(frame);
    const kind = classifyLink(primary.url);
    if (kind === 'http' && paragraph !== undefined) {
      this.addEntry(item, paragraph.children, primary, groups);
    } else if (kind === 'other-scheme') {
      this.diagnostics.push(
        diagnostic(
          'non-http-link',
          `"${primary.text.trim()}" links to ${describeUrl(primary.url)}, not http(s)`,
          this.lineOf(item),
        ),
      );
    } else if (kind === 'relative') {
      this.diagnostics.push(
        diagnostic(
          'non-http-link',
          `"${primary.text.trim()}" links to the relative path ${describeUrl(primary.url)}, not an http(s) URL`,
          this.lineOf(item),
          'warning',
        ),
      );
    }
    return groups;
  }

  private readLinklessItem({ item, groups, inLinkList }: ItemFrame): readonly string[] {
    const paragraph = firstParagraph(item);
    const text = paragraph === undefined ? '' : collapseWhitespace(inlineText(paragraph.children));
    const hasNestedList = item.children.some((child) => child.type === 'list');
    if (hasNestedList) return text.length > 0 ? [...groups, text] : groups;
    if (inLinkList && text.length > 0) {
      this.diagnostics.push(
        diagnostic('missing-link', `item "${truncate(text, 60)}" has no link`, this.lineOf(item)),
      );
    }
    return groups;
  }

  private addEntry(
    item: ListItem,
    inline: readonly Nodes[],
    link: FoundLink,
    groups: readonly string[],
  ): void {
    const line = this.lineOf(item);
    const fields = readItemFields({
      before: inlineText(inline.slice(0, link.childIndex)),
      linkText: link.text,
      after: inlineText(inline.slice(link.childIndex + 1)),
    });
    const url = link.url.trim();
    const repo = githubRepo(url);
    const { category, subcategory } = this.outline.countEntry(line);
    const entry: Entry = {
      id: this.ids.allocate(entrySlug(url, repo)),
      name: fields.name && !/^https?:\/\//i.test(fields.name) ? fields.name : fallbackName(url, repo),
      url,
      description: fields.description,
      tags: fields.tags,
      archived: fields.archived,
      category,
      kind: 'project',
      line,
    };
    this.kindEvidence.push({
      section: groups.length > 0 ? sectionKind([...this.outline.headingPath(), ...groups]) : this.headingKind,
      target: linkTarget(url),
      name: entry.name,
    });
    if (repo !== undefined) entry.repo = repo;
    if (fields.language !== undefined) entry.language = fields.language;
    if (fields.note !== undefined) entry.note = fields.note;
    if (subcategory !== undefined) entry.subcategory = subcategory;
    if (groups.length > 0) entry.group = [...groups];
    this.entries.push(entry);
  }

  private markTableOfContents(): void {
    const section = this.outline.current();
    if (section !== undefined) section.hasTableOfContents = true;
  }

  private reportDeepList(item: ListItem): void {
    if (this.reportedDeepList) return;
    this.reportedDeepList = true;
    this.diagnostics.push(
      diagnostic(
        'nesting-too-deep',
        `lists nested deeper than ${MAX_LIST_DEPTH} levels were not read`,
        this.lineOf(item),
      ),
    );
  }

  private lineOf(node: Nodes): number {
    return (node.position?.start.line ?? 1) + this.lineOffset;
  }
}

function pushItems(
  stack: ItemFrame[],
  list: List,
  groups: readonly string[],
  depth: number,
  definitions: DefinitionMap,
): void {
  const inLinkList = list.children.some((item) => {
    const paragraph = firstParagraph(item);
    return paragraph !== undefined && paragraphLinks(paragraph, definitions).length > 0;
  });
  for (let i = list.children.length - 1; i >= 0; i -= 1) {
    stack.push({ item: list.children[i] as ListItem, groups, depth, inLinkList });
  }
}

/** Definitions in document order: the first definition of a label is the one that counts (CommonMark). */
function collectDefinitions(tree: Root): Definition[] {
  const found: Definition[] = [];
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'definition') found.push(node);
    else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as Nodes);
    }
  }
  return found;
}
