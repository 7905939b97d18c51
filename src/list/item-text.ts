import { canonicalLanguage, isKnownLanguage } from './language.js';
import { mergeTags, peelTrailingTags } from './tags.js';

/** The three pieces of an item's first paragraph, as plain text. */
export interface ItemText {
  /** Text before the link, e.g. `(Golang) `. */
  before: string;
  /** The link's text, e.g. `Jocko - Kafka/distributed commit log service in Go. [Serf + Raft]`. */
  linkText: string;
  /** Text after the link, e.g. ` - description` or `. Supports master-master setups…`. */
  after: string;
}

export interface ItemFields {
  name: string;
  description: string;
  note?: string;
  language?: string;
  tags: string[];
  archived: boolean;
}

const LEADING_PAREN_GROUP = /^\s*\(([^()]{1,40})\)\s*/;
/** ` - `, ` – ` or ` — ` between a name and its description. */
const NAME_SEPARATOR = /\s+[-–—]\s+/;
/** Text after a link that starts like a description: `- desc`, `– desc`, `: desc`. */
const AFTER_SEPARATOR = /^(?:[-–—|](?:\s+|$)|:\s+|[-–—](?=\S))/;
const LEADING_PUNCTUATION = /^[.,;:!?)\]]+\s*/;
/** `YDB is an open-source …`: a one-word name followed by an "is a" sentence. */
const IS_SENTENCE = /^(\S+)\s+(?:is|are)\s+(\S+(?:\s+\S+){2,})$/;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Removes leading `(Golang)`, `(C/C++)(Book)` groups. */
export function peelLeadingParens(text: string): { groups: string[]; rest: string } {
  const groups: string[] = [];
  let rest = text;
  for (let match = LEADING_PAREN_GROUP.exec(rest); match; match = LEADING_PAREN_GROUP.exec(rest)) {
    groups.push((match[1] ?? '').trim());
    rest = rest.slice(match[0].length);
  }
  return { groups: groups.filter((group) => group.length > 0), rest };
}

function splitOnSeparator(text: string): { name: string; description: string } {
  const match = NAME_SEPARATOR.exec(text);
  if (!match) return { name: text.trim(), description: '' };
  return {
    name: text.slice(0, match.index).trim(),
    description: text.slice(match.index + match[0].length).trim(),
  };
}

/** The first parenthesised group naming a known language wins; otherwise the first group, as written. */
function pickLanguage(groups: readonly string[]): { language?: string; otherGroups: string[] } {
  const index = Math.max(0, groups.findIndex(isKnownLanguage));
  const chosen = groups[index];
  if (chosen === undefined) return { otherGroups: [] };
  return { language: canonicalLanguage(chosen), otherGroups: groups.filter((_, i) => i !== index) };
}

interface AfterText {
  description?: string;
  note?: string;
}

function readAfter(after: string): AfterText {
  const text = collapseWhitespace(after);
  if (text.length === 0) return {};
  const separator = AFTER_SEPARATOR.exec(text);
  if (separator) return { description: text.slice(separator[0].length).trim() };
  const note = text.replace(LEADING_PUNCTUATION, '').trim();
  return note.length > 0 ? { note } : {};
}

/**
 * Text written before the link (`Communities/forums: [/c/selfhosted](…)`, `Curated list of
 * resources on [testing distributed systems](…)`) describes the item: kept without its trailing
 * colon or dash.
 */
function leadText(rest: string): string {
  return rest.replace(/[\s:\-–—]+$/, '').trim();
}

function splitIsSentence(name: string): { name: string; description: string } {
  const match = IS_SENTENCE.exec(name);
  if (!match) return { name, description: '' };
  return { name: match[1] ?? name, description: match[2] ?? '' };
}

/** Turns an item's text into entry fields; pure, so each awesome-list shape can be tested directly. */
export function readItemFields(text: ItemText): ItemFields {
  const outer = peelLeadingParens(collapseWhitespace(text.before));
  const inner = peelLeadingParens(collapseWhitespace(text.linkText));
  const { language, otherGroups } = pickLanguage([...outer.groups, ...inner.groups]);
  let { name, description } = splitOnSeparator(inner.rest);
  const after = readAfter(text.after);
  const lead = leadText(outer.rest);
  if (lead.length > 0) description = description.length > 0 ? `${lead}: ${description}` : lead;
  let note = after.note;
  if (after.description !== undefined) {
    if (description.length === 0) description = after.description;
    else note = after.description;
  }
  if (description.length === 0 && note === undefined) ({ name, description } = splitIsSentence(name));

  const fromDescription = peelTrailingTags(description);
  const fromName =
    description.length === 0 ? peelTrailingTags(name) : { text: name, tags: [], archived: false };
  const fromNote = note === undefined ? undefined : peelTrailingTags(note);
  const tags = mergeTags(
    mergeTags(mergeTags(otherGroups, fromName.tags), fromDescription.tags),
    fromNote?.tags ?? [],
  );
  const fields: ItemFields = {
    name: fromName.text.replace(/\s*[:\-–—]+$/, '').trim(),
    description: fromDescription.text,
    tags,
    archived: fromName.archived || fromDescription.archived || (fromNote?.archived ?? false),
  };
  if (fromNote !== undefined && fromNote.text.length > 0) fields.note = fromNote.text;
  if (language !== undefined) fields.language = language;
  return fields;
}
