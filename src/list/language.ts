/** Canonical spellings of programming languages, keyed by a lowercase alias. */
const CANONICAL_LANGUAGES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    go: 'Go',
    golang: 'Go',
    js: 'JavaScript',
    javascript: 'JavaScript',
    'node.js': 'JavaScript',
    nodejs: 'JavaScript',
    node: 'JavaScript',
    ts: 'TypeScript',
    typescript: 'TypeScript',
    c: 'C',
    'c++': 'C++',
    cpp: 'C++',
    'c#': 'C#',
    csharp: 'C#',
    'f#': 'F#',
    py: 'Python',
    python: 'Python',
    rust: 'Rust',
    java: 'Java',
    kotlin: 'Kotlin',
    scala: 'Scala',
    erlang: 'Erlang',
    elixir: 'Elixir',
    php: 'PHP',
    ruby: 'Ruby',
    dart: 'Dart',
    lua: 'Lua',
    prolog: 'Prolog',
    haskell: 'Haskell',
    clojure: 'Clojure',
    swift: 'Swift',
    ocaml: 'OCaml',
    perl: 'Perl',
    zig: 'Zig',
    nim: 'Nim',
    crystal: 'Crystal',
    julia: 'Julia',
    r: 'R',
    shell: 'Shell',
    bash: 'Shell',
    elm: 'Elm',
    groovy: 'Groovy',
    'objective-c': 'Objective-C',
    d: 'D',
    v: 'V',
    pony: 'Pony',
    gleam: 'Gleam',
    fortran: 'Fortran',
    cobol: 'COBOL',
    sql: 'SQL',
    solidity: 'Solidity',
  }),
);

function canonicalPart(part: string): string | undefined {
  return CANONICAL_LANGUAGES.get(part.trim().toLowerCase());
}

/** Splits `C/C++` or `Go, Rust` style multi-language labels. */
function languageParts(raw: string): string[] {
  return raw.split(/\s*[/,]\s*/).filter((part) => part.length > 0);
}

/** True when every part of the label is a known language (`Golang`, `C/C++`). */
export function isKnownLanguage(raw: string): boolean {
  const parts = languageParts(raw);
  return parts.length > 0 && parts.every((part) => canonicalPart(part) !== undefined);
}

/**
 * Canonical language name: `Golang`/`GoLang`/`golang` → `Go`, `JS` → `JavaScript`, `TS` → `TypeScript`.
 * Unknown labels are kept as written (trimmed).
 */
export function canonicalLanguage(raw: string): string {
  const trimmed = raw.trim();
  if (!isKnownLanguage(trimmed)) return trimmed;
  return languageParts(trimmed)
    .map((part) => canonicalPart(part) ?? part)
    .join('/');
}
