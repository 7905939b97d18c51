/**
 * Decides whether a display name plausibly names the GitHub repository it links to. It accepts ordinary
 * differences of case and form (CockroachDB → cockroachdb/cockroach, HarveyOS → Harvey-OS/harvey,
 * Apache Zookeeper → apache/zookeeper, Node Version Manager → nvm-sh/nvm) and rejects different projects
 * (etcd → asim/go-micro, GlusterFS → lizardfs/lizardfs).
 */

/** Words too generic to tie a name to a repository on their own. */
const GENERIC_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'your',
  'apache',
  'awesome',
  'node',
  'nodejs',
  'js',
  'lib',
  'library',
  'framework',
  'tool',
  'tools',
  'app',
  'api',
  'cli',
  'client',
  'server',
  'plugin',
  'core',
  'official',
  'project',
]);

const MIN_CONTAINED_LENGTH = 3;
const MIN_SHARED_PREFIX = 4;

/** Lowercase ASCII letters and digits only: `Harvey-OS` → `harveyos`. */
function asciiKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Lowercase ASCII words, also split at camelCase boundaries: `GatewayWorker` → gateway, worker. */
function asciiWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function containsEitherWay(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_CONTAINED_LENGTH && longer.includes(shorter);
}

function sharedPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

/** `Node Version Manager` → `nvm`. */
function acronym(wordList: readonly string[]): string {
  return wordList.map((word) => word[0] ?? '').join('');
}

function wordsOverlap(nameWords: readonly string[], repoWords: readonly string[]): boolean {
  const significant = nameWords.filter((word) => word.length >= 3 && !GENERIC_WORDS.has(word));
  return significant.some((nameWord) =>
    repoWords.some(
      (repoWord) =>
        repoWord === nameWord ||
        sharedPrefixLength(repoWord, nameWord) >=
          Math.max(MIN_SHARED_PREFIX, Math.min(repoWord.length, nameWord.length) - 1),
    ),
  );
}

/** A distinctive word of one side appears inside the other: `Node.js Best Practices` → `nodebestpractices`. */
function wordInside(wordList: readonly string[], compactOther: string): boolean {
  return wordList.some(
    (word) => word.length >= MIN_SHARED_PREFIX && !GENERIC_WORDS.has(word) && compactOther.includes(word),
  );
}

function nameMatchesRepoPart(name: string, part: string): boolean {
  const compactName = asciiKey(name);
  const compactPart = asciiKey(part);
  if (compactName === compactPart) return true;
  if (containsEitherWay(compactName, compactPart)) return true;
  if (sharedPrefixLength(compactName, compactPart) >= MIN_SHARED_PREFIX + 1) return true;
  const nameWords = asciiWords(name);
  const partWords = asciiWords(part);
  if (wordsOverlap(nameWords, partWords)) return true;
  if (wordInside(nameWords, compactPart) || wordInside(partWords, compactName)) return true;
  return (
    (nameWords.length >= 2 && acronym(nameWords) === compactPart) ||
    (partWords.length >= 2 && acronym(partWords) === compactName)
  );
}

/** True when `name` plausibly names `repo` (`owner/name`): it matches the repository name or its owner. */
export function nameMatchesRepo(name: string, repo: string): boolean {
  const [owner = '', repoName = ''] = repo.split('/');
  if (asciiKey(name).length === 0) return true;
  return nameMatchesRepoPart(name, repoName) || nameMatchesRepoPart(name, owner);
}
