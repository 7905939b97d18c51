/**
 * A stand-in for the list parser while it is being written: reads the simple one-line items of
 * the shipped list with a regular expression. Only for tests of the index.
 */
import type { ListDocument } from '../../src/list/types.js';

const ITEM =
  /^- *\[?(?:\((?<lang1>[^)]+)\) *)?\[?(?:\((?<lang2>[^)]+)\) *)?(?<text>.+?)\]\((?<url>https?:\/\/[^)]+)\)\.? *(?<note>.*)$/;
const LANGUAGES: Record<string, string> = { Golang: 'Go', JS: 'JavaScript' };

export function handParse(markdown: string): ListDocument {
  const doc: ListDocument = { title: '', categories: [], entries: [], diagnostics: [] };
  let category = '';
  markdown.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('# ')) doc.title = line.slice(2);
    if (line.startsWith('## ')) {
      category = line.slice(3);
      doc.categories.push({ name: category, depth: 2, line: index + 1, entryCount: 0 });
    }
    const match = ITEM.exec(line);
    if (!match?.groups) return;
    const { lang1, lang2, url = '', note } = match.groups;
    let text = (match.groups.text ?? '').replace(/^\[/, '');
    const tags: string[] = [];
    let archived = false;
    const trailing = /\s*\[([^\]]+)\]\s*$/.exec(text);
    if (trailing?.[1]) {
      text = text.slice(0, trailing.index);
      if (trailing[1] === 'Archived') archived = true;
      else tags.push(...trailing[1].split('+').map((tag) => tag.trim()));
    }
    const [name = '', ...rest] = text.split(' - ');
    const repo = /github\.com\/([^/]+\/[^/]+)/.exec(url)?.[1];
    const language = lang1 ?? lang2;
    doc.entries.push({
      id: (repo ?? url).toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name: name.trim(),
      url,
      repo,
      language: language ? (LANGUAGES[language] ?? language) : undefined,
      description: rest.join(' - ').trim(),
      note: note?.trim() || undefined,
      tags,
      archived,
      category,
      line: index + 1,
    });
  });
  return doc;
}
