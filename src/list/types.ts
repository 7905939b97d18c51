/**
 * `project`: software (a repository, a package, a product); `resource`: something to read, watch,
 * attend or browse (books, papers, courses, talks, articles, other lists, communities).
 * See kind.ts for how it is decided.
 */
export type EntryKind = 'project' | 'resource';

/** One linked item of an awesome list: a project or a resource. Plain data: JSON-serialisable. */
export interface Entry {
  /** Stable slug derived from the URL, unique within a list. */
  id: string;
  /** Display name, as written in the list (language prefix and tags removed). */
  name: string;
  /** The item's link (http(s) only; items with other links are not entries). */
  url: string;
  /** `owner/name` when the URL is a GitHub repository. */
  repo?: string;
  /** Canonical language (`Golang` → `Go`, `JS` → `JavaScript`), when the item names one. */
  language?: string;
  description: string;
  /** Text after the link, e.g. CouchDB's "Supports master-master setups…". */
  note?: string;
  /** From trailing `[Raft + gRPC]` groups, split on `+`, trimmed. */
  tags: string[];
  archived: boolean;
  /** Software or a pointer to reading, talks, courses, other lists… */
  kind: EntryKind;
  category: string;
  subcategory?: string;
  /** Text of link-less parent bullets (e.g. awesome-nodejs's `- Promises`), outermost first. */
  group?: string[];
  /** 1-based source line. */
  line: number;
}

export interface Category {
  name: string;
  /** Heading depth: 2 for `##`, 3 for `###`. */
  depth: number;
  /** The `##` category a `###` one belongs to. */
  parent?: string;
  line: number;
  entryCount: number;
}

export type DiagnosticLevel = 'error' | 'warning' | 'info';

export type DiagnosticRule =
  | 'missing-link'
  | 'non-http-link'
  | 'duplicate-url'
  | 'name-mismatch'
  | 'empty-category'
  | 'empty-list'
  /** Nesting, indentation or inline delimiters beyond the limits: that part was flattened or skipped. */
  | 'nesting-too-deep'
  | 'binary-input'
  /** The markdown parser failed on the (already sanitised) input: nothing of the list was read. */
  | 'parse-failed';

export interface Diagnostic {
  level: DiagnosticLevel;
  rule: DiagnosticRule;
  message: string;
  line: number;
}

export interface ListDocument {
  title: string;
  categories: Category[];
  entries: Entry[];
  diagnostics: Diagnostic[];
}
