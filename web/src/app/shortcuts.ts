// PLACEHOLDER
export function useGlobalShortcuts(): void {}
