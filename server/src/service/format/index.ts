export * from './types';
export * from './sections';
export * from './applications';
export * from './proactive';
export * from './reviews';
export * from './relations';
export * from './formats';
