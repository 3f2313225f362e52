// The one place that talks to the Rust side. Every command of the IPC contract has a
// typed function here; nothing else in the UI imports `@tauri-apps/api/core`.
import { invoke } from '@tauri-apps/api/core';
import type { AppView } from './bindings/AppView';
import type { IpcError } from './bindings/IpcError';

export type { AppView } from './bindings/AppView';
export type { IpcError } from './bindings/IpcError';
export type { LanguageOption } from './bindings/LanguageOption';
export type { Notice } from './bindings/Notice';
export type { Screen } from './bindings/Screen';
export type { TextDirection } from './bindings/TextDirection';
export type { UiLocale } from './bindings/UiLocale';

/** The whole view to render at start: screen, texts, languages, notices. */
export function getAppView(): Promise<AppView> {
  return invoke<AppView>('get_app_view');
}

/** Saves the chosen language durably and returns every text in it. */
export function chooseLanguage(locale: string): Promise<AppView> {
  return invoke<AppView>('choose_language', { locale });
}

/** Records that the first start is done; returns the catalog screen. */
export function completeFirstStart(): Promise<AppView> {
  return invoke<AppView>('complete_first_start');
}

/** Tells the performance harness and the smoke test that the first screen is painted. */
export async function reportFirstPaint(): Promise<void> {
  await invoke<null>('report_first_paint');
}

/** Whether a rejection is the contract's `{ code, message }` error. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

/**
 * The text to show for a rejected command. Rust sends an `IpcError` whose message is
 * already localized; anything else (Tauri's own failures arrive as plain strings) is
 * shown as it came, never replaced by a text of the UI's own.
 */
export function errorText(reason: unknown): string {
  if (isIpcError(reason)) return reason.message;
  if (typeof reason === 'string') return reason;
  if (reason instanceof Error) return reason.message;
  return String(reason);
}
