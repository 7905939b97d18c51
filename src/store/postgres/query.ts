import type pg from 'pg';

/** The rows one statement returns. */
export async function selectRows<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  text: string,
  values?: unknown[],
): Promise<Row[]> {
  const result = await pool.query<Row>(text, values);
  return result.rows;
}
