/** The GitHub and web stand-ins (see github.ts and web.ts). */
export { standinRepo, startGitHubStandin } from './github.js';
export type {
  GitHubStandin,
  GitHubStandinOptions,
  GitHubStats,
  RateLimitSpec,
  StandinRepo,
} from './github.js';
export { startWebStandin } from './web.js';
export type { WebHit, WebRoute, WebStandin } from './web.js';
