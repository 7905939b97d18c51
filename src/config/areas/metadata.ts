/** Variables for project metadata: the GitHub API, refresh rounds, health classes, link checks. */
import {
  field,
  positiveDuration,
  readBaseUrl,
  readSwitch,
  readWithoutSpaces,
  required,
  type VariableSpec,
} from '../field.js';

export const METADATA_VARIABLES = {
  GITHUB_TOKEN: {
    name: 'GITHUB_TOKEN',
    description:
      'GitHub token for project metadata (GraphQL, 100 repositories per query); needs no scopes, public read only. Without it the anonymous REST budget (60 requests an hour) is used.',
    example: 'github_pat_your-fine-grained-token',
    secret: true,
    expectation: 'must be the bare token: no spaces, no "Bearer " prefix',
  },
  GITHUB_API_URL: {
    name: 'GITHUB_API_URL',
    description: 'GitHub API base URL (GraphQL at <url>/graphql); for GitHub Enterprise or a stand-in.',
    defaultText: 'https://api.github.com',
    example: 'https://github.example.com/api/v3',
    expectation: 'must be an http(s) URL',
  },
  ENRICH: {
    name: 'ENRICH',
    description: 'Look up project metadata (stars, last push, health) in the background: on or off.',
    defaultText: 'on',
    example: 'off',
    expectation: 'must be on or off',
  },
  ENRICH_REFRESH: {
    name: 'ENRICH_REFRESH',
    description: 'How often project metadata is refreshed (and how old it may be at start).',
    defaultText: '24h',
    example: '12h',
    expectation: 'must be a duration such as 24h, 90m or a number of seconds, above zero',
  },
  HEALTH_INACTIVE_AFTER: {
    name: 'HEALTH_INACTIVE_AFTER',
    description: 'A repository without a push for this long counts as inactive.',
    defaultText: '730d',
    example: '365d',
    expectation: 'must be a duration such as 730d, 8760h or a number of seconds, above zero',
  },
  LINK_CHECK: {
    name: 'LINK_CHECK',
    description: 'Check links that are not GitHub repositories (HEAD, then GET): on or off.',
    defaultText: 'on',
    example: 'off',
    expectation: 'must be on or off',
  },
  LINK_CHECK_ALLOW_PRIVATE: {
    name: 'LINK_CHECK_ALLOW_PRIVATE',
    description:
      'Let link checks reach loopback, private and link-local addresses (private lists, tests); refused by default.',
    defaultText: 'false',
    example: 'true',
    expectation: 'must be true or false',
  },
} as const satisfies Record<string, VariableSpec>;

const V = METADATA_VARIABLES;

export const metadataFields = {
  GITHUB_TOKEN: field(V.GITHUB_TOKEN, readWithoutSpaces),
  GITHUB_API_URL: required<string>(field(V.GITHUB_API_URL, readBaseUrl, () => 'https://api.github.com')),
  ENRICH: required<boolean>(field(V.ENRICH, readSwitch, () => true)),
  /** Milliseconds. */
  ENRICH_REFRESH: required<number>(field(V.ENRICH_REFRESH, positiveDuration, () => 24 * 3_600_000)),
  /** Milliseconds. */
  HEALTH_INACTIVE_AFTER: required<number>(
    field(V.HEALTH_INACTIVE_AFTER, positiveDuration, () => 730 * 86_400_000),
  ),
  LINK_CHECK: required<boolean>(field(V.LINK_CHECK, readSwitch, () => true)),
  LINK_CHECK_ALLOW_PRIVATE: required<boolean>(field(V.LINK_CHECK_ALLOW_PRIVATE, readSwitch, () => false)),
};
