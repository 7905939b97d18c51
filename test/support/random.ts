export { seededRng } from '../../tools/seeded-random.js';
