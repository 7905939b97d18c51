export { seededRandom, type Random } from '../../tools/seeded-random.js';
