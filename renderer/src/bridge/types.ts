// The views the renderer works with, all derived from the contract so they cannot drift.
import type { ProfileView, ResultOf } from '#common/contract';

export type {
  AccessKeyView,
  AppErrorView,
  AppEvent,
  AppInfo,
  BundleFileView,
  ClashAction,
  ConnectionTestResult,
  DiagnosticsView,
  ExchangeView,
  ExportResult,
  FieldIssueView,
  ImportOutcome,
  ImportPreview,
  ImportPreviewProfile,
  LockView,
  ProfileDraft,
  ProfileView,
  Result,
  ServiceStatus,
  Settings,
  StoreProblemView,
  StoreWriteView,
  TesseraApi,
} from '#common/contract';

export type TokenView = ProfileView['token'];
export type TokenState = TokenView['state'];
export type Identity = NonNullable<TokenView['identity']>;
export type FailureView = NonNullable<TokenView['lastError']>;
export type HistoryEvent = ResultOf<'getHistory'>[number];
export type HistoryKind = HistoryEvent['kind'];
