// The installer lock as a user meets it, in each language: the top bar's lock, the "Installer
// PIN" dialog (with "Forgot the PIN?") and the Settings section that sets it.
import { expect, type Locator, type Page } from '@playwright/test';

import type { Lang } from './settings';

export const LOCK_NAMES = {
  en: {
    dialog: 'Installer PIN',
    pin: 'PIN',
    unlock: 'Unlock',
    cancel: 'Cancel',
    forgot: 'Forgot the PIN?',
    forgotTitle: 'Reset the installer PIN?',
    forgotConfirm: 'Delete all secrets and remove the PIN',
    locked: 'Locked',
    unlocked: /^Unlocked · locks in \d+:\d\d$/,
    lockNow: 'Lock now',
    section: 'Installer PIN',
    currentPin: 'Current PIN',
    newPin: 'New PIN',
    repeatPin: 'Repeat the new PIN',
    setPin: 'Set PIN',
    pinSet: 'A PIN is set.',
    noPin: 'No PIN is set: anyone at this computer can change everything.',
    wrongPin: 'Wrong PIN.',
    wrongWait: (seconds: string) => `Wrong PIN. Try again in ${seconds}.`,
    seconds: (n: number) => (n === 1 ? '1 second' : `${n} seconds`),
    format: 'Use 4 to 12 digits.',
    secretsCleared: 'The installer PIN was reset, which deleted this profile’s secrets. Edit the profile and type them again.',
    resetDone: 'PIN removed and every secret deleted. Edit each profile and type its secrets again.',
  },
  es: {
    dialog: 'PIN del instalador',
    pin: 'PIN',
    unlock: 'Desbloquear',
    cancel: 'Cancelar',
    forgot: '¿Olvidó el PIN?',
    forgotTitle: '¿Restablecer el PIN del instalador?',
    forgotConfirm: 'Borrar todos los secretos y quitar el PIN',
    locked: 'Bloqueado',
    unlocked: /^Desbloqueado · se bloquea en \d+:\d\d$/,
    lockNow: 'Bloquear ahora',
    section: 'PIN del instalador',
    currentPin: 'PIN actual',
    newPin: 'PIN nuevo',
    repeatPin: 'Repita el PIN nuevo',
    setPin: 'Configurar PIN',
    pinSet: 'Hay un PIN configurado.',
    noPin: 'No hay PIN: cualquiera en esta computadora puede cambiarlo todo.',
    wrongPin: 'PIN incorrecto.',
    wrongWait: (seconds: string) => `PIN incorrecto. Vuelva a intentarlo en ${seconds}.`,
    seconds: (n: number) => (n === 1 ? '1 segundo' : `${n} segundos`),
    format: 'Use de 4 a 12 dígitos.',
    secretsCleared:
      'Se restableció el PIN del instalador, lo que borró los secretos de este perfil. Edite el perfil y vuelva a escribirlos.',
    resetDone: 'Se quitó el PIN y se borraron todos los secretos. Edite cada perfil y vuelva a escribir sus secretos.',
  },
  pt: {
    dialog: 'PIN do instalador',
    pin: 'PIN',
    unlock: 'Desbloquear',
    cancel: 'Cancelar',
    forgot: 'Esqueceu o PIN?',
    forgotTitle: 'Redefinir o PIN do instalador?',
    forgotConfirm: 'Apagar todos os segredos e remover o PIN',
    locked: 'Bloqueado',
    unlocked: /^Desbloqueado · bloqueia em \d+:\d\d$/,
    lockNow: 'Bloquear agora',
    section: 'PIN do instalador',
    currentPin: 'PIN atual',
    newPin: 'Novo PIN',
    repeatPin: 'Repita o novo PIN',
    setPin: 'Definir PIN',
    pinSet: 'Há um PIN definido.',
    noPin: 'Nenhum PIN definido: qualquer pessoa neste computador pode mudar tudo.',
    wrongPin: 'PIN incorreto.',
    wrongWait: (seconds: string) => `PIN incorreto. Tente de novo em ${seconds}.`,
    seconds: (n: number) => (n === 1 ? '1 segundo' : `${n} segundos`),
    format: 'Use de 4 a 12 dígitos.',
    secretsCleared: 'O PIN do instalador foi redefinido, o que apagou os segredos deste perfil. Edite o perfil e digite-os de novo.',
    resetDone: 'O PIN foi removido e todos os segredos foram apagados. Edite cada perfil e digite os segredos dele de novo.',
  },
} as const;

export class InstallerLockPage {
  readonly names: (typeof LOCK_NAMES)[Lang];

  constructor(
    readonly page: Page,
    readonly lang: Lang = 'en',
  ) {
    this.names = LOCK_NAMES[lang];
  }

  /** The top bar's lock (absent without a PIN); data-lock-state is locked or open. */
  get control(): Locator {
    return this.page.locator('.topbar [data-lock-state]');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.names.dialog, exact: true });
  }

  get forgotDialog(): Locator {
    return this.page.getByRole('dialog', { name: this.names.forgotTitle, exact: true });
  }

  get pinInput(): Locator {
    return this.dialog.getByLabel(this.names.pin, { exact: true });
  }

  get unlockButton(): Locator {
    return this.dialog.getByRole('button', { name: this.names.unlock, exact: true });
  }

  /** What the dialog says after a wrong PIN (its live status line). */
  get waitMessage(): Locator {
    return this.dialog.locator('[data-pin-wait]');
  }

  get section(): Locator {
    return this.page.getByRole('region', { name: this.names.section, exact: true });
  }

  async expectLocked(timeout?: number): Promise<void> {
    await expect(this.control).toHaveAttribute('data-lock-state', 'locked', timeout ? { timeout } : undefined);
    await expect(this.control).toContainText(this.names.locked);
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.control).toHaveAttribute('data-lock-state', 'open');
    await expect(this.control.locator('.lock-control__state')).toHaveText(this.names.unlocked);
  }

  async lockNow(): Promise<void> {
    await this.control.getByRole('button', { name: this.names.lockNow, exact: true }).click();
    await this.expectLocked();
  }

  /** Settings → Installer PIN: a first PIN (Settings must be open). */
  async setFirstPin(pin: string): Promise<void> {
    await this.section.getByLabel(this.names.newPin, { exact: true }).fill(pin);
    await this.section.getByLabel(this.names.repeatPin, { exact: true }).fill(pin);
    await this.section.getByRole('button', { name: this.names.setPin, exact: true }).click();
    await expect(this.section.locator('[data-pin-state]')).toHaveText(this.names.pinSet);
  }

  /** Types a PIN into the open dialog and presses Unlock. */
  async typePin(pin: string): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.pinInput.fill(pin);
    await this.unlockButton.click();
  }
}
