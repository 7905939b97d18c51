/** Featured posts may open a thread on each post (issue 15 §2). Never edit once shipped. */
export const sql = `ALTER TABLE featured_settings ADD COLUMN thread boolean NOT NULL DEFAULT false;`;
