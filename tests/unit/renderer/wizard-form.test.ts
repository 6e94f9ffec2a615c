// The wizard's state and rules as plain functions: every transition of the form reducer, which
// errors show when, when an edit must be tested before it is saved, and how each field shows.
import { describe, expect, it } from 'vitest';

import type { ProfileView } from '#common/contract';

import { providerCatalog } from '../../../electron/core/providers';
import { draftFromProfile, emptyDraft, validateDraft, type WizardDraft } from '../../../renderer/src/app/draft';
import { credentialFieldView, isPosField } from '../../../renderer/src/features/profile-wizard/credential-field';
import {
  initialWizardState,
  type WizardAction,
  wizardReducer,
  type WizardState,
} from '../../../renderer/src/features/profile-wizard/form-reducer';
import {
  beforeSaving,
  environmentValue,
  fieldsWithIssues,
  hasChanges,
  signInChanges,
  visibleIssue,
} from '../../../renderer/src/features/profile-wizard/validation';

const catalog = providerCatalog();
const ereceipt = catalog.find((p) => p.id === 'ereceipt')!;
const invoisys = catalog.find((p) => p.id === 'invoisys')!;

const run = (state: WizardState, ...actions: WizardAction[]): WizardState => actions.reduce(wizardReducer, state);

const profile = (over: Partial<ProfileView> = {}): ProfileView => ({
  id: 'p1',
  name: 'Cairo till',
  provider: 'ereceipt',
  environment: { kind: 'preset', id: 'production' },
  fields: { clientId: 'c', posSerial: 'S1', posOsVersion: 'Linux' },
  secrets: { clientSecret: true, password: false, preSharedKey: true },
  createdAt: 0,
  updatedAt: 0,
  token: { profileId: 'p1', state: 'valid', since: 0, failures: 0 },
  fileSink: null,
  ...over,
});

describe('the form reducer', () => {
  const start = () => initialWizardState(emptyDraft());

  it('choosing a provider takes its first preset, its defaults and the OS version, and forgets the rest', () => {
    const state = run(
      start(),
      { type: 'edit', key: 'name', draft: { ...emptyDraft(), name: 'Till' } },
      { type: 'touch', key: 'name' },
      { type: 'chooseProvider', info: invoisys, osVersion: 'Linux 6' },
      { type: 'setCredential', field: 'username', value: 'u' },
      { type: 'touch', key: 'username' },
      { type: 'chooseProvider', info: ereceipt, osVersion: 'Linux 6' },
    );
    expect(state.draft).toMatchObject({ name: 'Till', provider: 'ereceipt', envKind: 'preset', presetId: 'preproduction' });
    expect(state.draft.credentials).toEqual({ posOsVersion: 'Linux 6' });
    // The name stays touched (it was typed for any provider); the old provider's fields do not.
    expect([...state.touched]).toEqual(['name']);
  });

  it('an edit makes the last test and the form error stale, and drops core’s issue for that field only', () => {
    const state = run(
      start(),
      { type: 'serverIssues', issues: { name: { message: 'validation.nameTaken' }, clientId: { message: 'validation.required' } } },
      { type: 'testFinished', test: { status: 'failed', code: 'internal' } },
      { type: 'setCredential', field: 'clientId', value: 'c' },
    );
    expect(state.test).toEqual({ status: 'idle' });
    expect(state.formError).toBeUndefined();
    expect(state.serverIssues).toEqual({ name: { message: 'validation.nameTaken' } });
    expect(state.submitted).toBe(true);
  });

  it('choosing an environment drops core’s issues for the environment and the address', () => {
    const state = run(
      start(),
      {
        type: 'serverIssues',
        issues: { environment: { message: 'validation.environment' }, baseUrl: { message: 'validation.url.invalid' } },
      },
      { type: 'chooseEnvironment', value: 'preset:production' },
    );
    expect(state.draft).toMatchObject({ envKind: 'preset', presetId: 'production' });
    expect(state.serverIssues).toEqual({});
    expect(environmentValue(run(state, { type: 'chooseEnvironment', value: 'custom' }).draft)).toBe('custom');
    expect(environmentValue(run(state, { type: 'chooseEnvironment', value: 'sandbox' }).draft)).toBe('sandbox');
  });

  it('a removed stored secret is kept again by typing a new value', () => {
    const cleared = run(start(), { type: 'markCleared', field: 'preSharedKey', clear: true });
    expect([...cleared.cleared]).toEqual(['preSharedKey']);
    expect(run(cleared, { type: 'setCredential', field: 'preSharedKey', value: '' }).cleared.size).toBe(1);
    expect(run(cleared, { type: 'setCredential', field: 'preSharedKey', value: 'k' }).cleared.size).toBe(0);
    expect(run(cleared, { type: 'markCleared', field: 'preSharedKey', clear: false }).cleared.size).toBe(0);
  });

  it('the demo fills the credentials and keeps core’s issues about name and address only', () => {
    const state = run(
      { ...start(), draft: { ...emptyDraft(), provider: 'ereceipt', credentials: { posOsVersion: 'Linux' } } },
      { type: 'serverIssues', issues: { name: { message: 'validation.nameTaken' }, clientId: { message: 'validation.required' } } },
      { type: 'useDemo', info: ereceipt },
    );
    expect(state.draft.credentials).toMatchObject({ clientId: 'sandbox-client', posOsVersion: 'Linux' });
    expect(state.serverIssues).toEqual({ name: { message: 'validation.nameTaken' } });
    expect(state.demoNotice).toBe(true);
  });

  it('a test runs, finishes (asking to reveal its result) and a save in between is marked', () => {
    let state = run(start(), { type: 'testStarted', first: true });
    expect(state.test.status).toBe('running');
    expect(state.testingFirst).toBe(true);
    state = run(state, { type: 'testFinished', test: { status: 'failed', code: 'internal' } }, { type: 'testFirstDone' });
    expect(state).toMatchObject({ testingFirst: false, revealResult: 1, test: { status: 'failed', code: 'internal' } });
    state = run(state, { type: 'submitted', problems: true });
    expect(state.formError).toEqual({ kind: 'fixErrors' });
    state = run(state, { type: 'clearFormError' }, { type: 'callFailed', fallbackKey: 'wizard.saveFailed', code: 'locked' });
    expect(state.formError).toEqual({ kind: 'call', fallbackKey: 'wizard.saveFailed', code: 'locked' });
  });

  it('never changes the state it was given', () => {
    const state = start();
    const frozen = JSON.stringify({ ...state, touched: [...state.touched], cleared: [...state.cleared] });
    run(
      state,
      { type: 'setCredential', field: 'clientId', value: 'x' },
      { type: 'touch', key: 'clientId' },
      { type: 'markCleared', field: 'password', clear: true },
    );
    expect(JSON.stringify({ ...state, touched: [...state.touched], cleared: [...state.cleared] })).toBe(frozen);
  });
});

describe('which errors show', () => {
  const draft: WizardDraft = {
    ...emptyDraft(),
    name: 'Till',
    provider: 'ereceipt',
    presetId: 'production',
    credentials: { posSerial: 'S'.repeat(300) },
  };
  const issues = validateDraft(draft, ereceipt, 'create');
  const fresh = { serverIssues: {}, touched: new Set<never>(), submitted: false };

  it('what more typing cannot fix shows at once, the others once the field is left or Save is pressed', () => {
    expect(visibleIssue('posSerial', issues, fresh)?.message).toBe('validation.tooLong');
    expect(visibleIssue('clientId', issues, fresh)).toBeUndefined();
    expect(visibleIssue('clientId', issues, { ...fresh, touched: new Set(['clientId'] as const) })?.message).toBe('validation.required');
    expect(visibleIssue('clientId', issues, { ...fresh, submitted: true })?.message).toBe('validation.required');
  });

  it('core’s issue wins over the form’s', () => {
    expect(visibleIssue('name', issues, { ...fresh, serverIssues: { name: { message: 'validation.nameTaken' } } })?.message).toBe(
      'validation.nameTaken',
    );
  });

  it('issues are listed in the order of the form', () => {
    expect(fieldsWithIssues(ereceipt, (key) => issues[key] !== undefined)).toEqual([
      'clientId',
      'clientSecret',
      'posSerial',
      'posOsVersion',
    ]);
  });
});

describe('saving an edit', () => {
  const initial = draftFromProfile(profile());

  it('a new name alone saves at once; a changed credential, address or removed secret is tested first', () => {
    expect(beforeSaving('update', { ...initial, name: 'New' }, initial, new Set(), { status: 'idle' })).toBe('save');
    expect(signInChanges({ ...initial, credentials: { ...initial.credentials, clientId: 'd' } }, initial)).toBe(true);
    expect(beforeSaving('update', { ...initial, presetId: 'preproduction' }, initial, new Set(), { status: 'idle' })).toBe('test');
    expect(beforeSaving('update', initial, initial, new Set(['preSharedKey'] as const), { status: 'idle' })).toBe('test');
  });

  it('after a passed test it saves; after a failed one it asks', () => {
    const changed = { ...initial, presetId: 'preproduction' };
    expect(
      beforeSaving('update', changed, initial, new Set(), {
        status: 'ok',
        result: { lifetimeSeconds: 1, expiresAt: 1, tokenType: 'Bearer' },
      }),
    ).toBe('save');
    expect(beforeSaving('update', changed, initial, new Set(), { status: 'failed', code: 'internal' })).toBe('confirm');
    expect(beforeSaving('create', changed, initial, new Set(), { status: 'failed', code: 'internal' })).toBe('save');
  });

  it('leaving loses work once anything changed, a removed secret included', () => {
    expect(hasChanges(initial, initial, new Set())).toBe(false);
    expect(hasChanges({ ...initial, name: 'x' }, initial, new Set())).toBe(true);
    expect(hasChanges(initial, initial, new Set(['preSharedKey'] as const))).toBe(true);
  });
});

describe('how a credential field shows', () => {
  const editing = profile();
  const context = { info: ereceipt, mode: 'update' as const, editing, needs: {}, cleared: new Set<never>() };

  it('secrets are the schema’s secret fields; a stored optional one can be removed, a required one not', () => {
    expect(credentialFieldView('clientId', context)).toMatchObject({ secret: false, stored: false, removable: false, required: true });
    expect(credentialFieldView('clientSecret', context)).toMatchObject({
      secret: true,
      stored: true,
      removable: false,
      required: false,
      hint: 'wizard.secretStoredHint',
    });
    expect(credentialFieldView('preSharedKey', context)).toMatchObject({ secret: true, stored: true, removable: true, optional: true });
    expect(credentialFieldView('preSharedKey', { ...context, cleared: new Set(['preSharedKey'] as const) })).toMatchObject({
      stored: false,
      removing: true,
      hint: 'fieldNotes.storedSecret.removedHint',
    });
  });

  it('a secret to type again is required and says why', () => {
    expect(credentialFieldView('clientSecret', { ...context, needs: { clientSecret: 'retype' } })).toMatchObject({
      stored: false,
      required: true,
      hint: 'secretSafety.retypeHint',
    });
  });

  it('creating, optional POS fields say they are optional; the POS fields are grouped', () => {
    const create = { ...context, mode: 'create' as const, editing: undefined };
    expect(credentialFieldView('preSharedKey', create)).toMatchObject({
      stored: false,
      hint: 'fieldNotes.hints.preSharedKey',
      optional: true,
    });
    expect(credentialFieldView('posSerial', create).hint).toBe('wizard.hints.posSerial');
    expect(['clientId', 'clientSecret', 'posSerial', 'preSharedKey'].map((f) => isPosField(f as never))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});
