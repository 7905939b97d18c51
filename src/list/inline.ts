import type { Definition, ListItem, Nodes, Paragraph, PhrasingContent } from 'mdast';

/** Definitions of a document by normalised label, for `[name][label]` reference links. */
export type DefinitionMap = ReadonlyMap<string, string>;

export function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function definitionMap(definitions: readonly Definition[]): DefinitionMap {
  const map = new Map<string, string>();
  for (const definition of definitions) {
    const key = normalizeLabel(definition.identifier);
    if (!map.has(key)) map.set(key, definition.url);
  }
  return map;
}

/**
 * Visible text of inline content, iteratively (no recursion on hostile nesting). Raw HTML and image alt
 * text are left out: they are badges and markup, not words of the item.
 */
export function inlineText(nodes: readonly Nodes[]): string {
  const parts: string[] = [];
  const stack: Nodes[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
    else if (node.type === 'break') parts.push(' ');
    else if ('children' in node && node.type !== 'list') {
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as Nodes);
    }
  }
  return parts.join('');
}

export function firstParagraph(item: ListItem): Paragraph | undefined {
  for (const child of item.children) {
    if (child.type === 'paragraph') return child;
    if (child.type === 'list') return undefined;
  }
  return undefined;
}

export interface FoundLink {
  url: string;
  text: string;
  /** Index of the paragraph child that holds the link (the link itself, or emphasis around it). */
  childIndex: number;
}

/** Links of a paragraph in reading order, resolving `[text][label]` references. */
export function paragraphLinks(paragraph: Paragraph, definitions: DefinitionMap): FoundLink[] {
  const found: FoundLink[] = [];
  paragraph.children.forEach((child, childIndex) => {
    const stack: PhrasingContent[] = [child];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (node.type === 'link') {
        found.push({ url: node.url, text: inlineText(node.children), childIndex });
      } else if (node.type === 'linkReference') {
        const url = definitions.get(normalizeLabel(node.identifier));
        if (url !== undefined) found.push({ url, text: inlineText(node.children), childIndex });
      } else if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i -= 1)
          stack.push(node.children[i] as PhrasingContent);
      }
    }
  });
  return found;
}
