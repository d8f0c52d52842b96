/**
 * The table readers, one module per table of the format: labels.ts (row labels and their matching),
 * applications.ts (三), reviews.ts (四), proactive.ts (二).
 */
export * from './applications';
export * from './reviews';
export * from './proactive';
export { trimRow } from './labels';
