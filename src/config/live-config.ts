import type { AppConfig } from './app-config.js';

export type ConfigListener = (next: AppConfig, previous: AppConfig) => void;

/**
 * The one place the current configuration lives. Each config is frozen; a reload swaps
 * in a new one and tells the listeners (scheduler, server), so nothing deep in the
 * pipeline ever re-reads files or holds a global.
 */
export class LiveConfig {
  private config: AppConfig;
  private readonly listeners = new Set<ConfigListener>();

  constructor(initial: AppConfig) {
    this.config = initial;
  }

  get current(): AppConfig {
    return this.config;
  }

  replace(next: AppConfig): void {
    const previous = this.config;
    this.config = next;
    for (const listener of this.listeners) listener(next, previous);
  }

  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
