/** Test-only configuration: where the PostgreSQL run of the suite creates its databases. */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;
