// Main's own texts in Spanish (see en.ts).
import type { MainTexts } from './types';

export const es: MainTexts = {
  tray: {
    open: 'Abrir Tessera',
    refreshAll: 'Renovar todo',
    quit: 'Salir de Tessera',
  },
  tooltip: {
    none: 'Tessera — aún no hay perfiles',
    valid_one: 'Tessera — el token es válido',
    valid_other: 'Tessera — todos los tokens son válidos',
    signedOut_one: 'Tessera — {{count}} perfil sin iniciar sesión',
    signedOut_other: 'Tessera — {{count}} perfiles sin iniciar sesión',
    working_one: 'Tessera — solicitando {{count}} token',
    working_other: 'Tessera — solicitando {{count}} tokens',
    retrying_one: 'Tessera — {{count}} perfil reintentando tras un fallo',
    retrying_other: 'Tessera — {{count}} perfiles reintentando tras un fallo',
    expired_one: 'Tessera — {{count}} token vencido',
    expired_other: 'Tessera — {{count}} tokens vencidos',
    attention_one: 'Tessera — {{count}} perfil requiere atención',
    attention_other: 'Tessera — {{count}} perfiles requieren atención',
  },
  notify: {
    title: 'Tessera',
    attention: '{{profile}} requiere atención: {{reason}}',
    attentionMany_one: '{{count}} perfil requiere atención. Abra Tessera para ver por qué.',
    attentionMany_other: '{{count}} perfiles requieren atención. Abra Tessera para ver por qué.',
    expired: 'El token de {{profile}} venció y todavía no se pudo renovar.',
    expiredMany_one: '{{count}} token venció y todavía no se pudo renovar.',
    expiredMany_other: '{{count}} tokens vencieron y todavía no se pudieron renovar.',
  },
  reason: {
    generic: 'El proveedor rechazó las credenciales.',
    secret_unreadable: 'Ya no se puede abrir un secreto guardado; vuelva a escribir los secretos.',
    unknown_provider: 'Esta versión de Tessera no conoce el proveedor del perfil.',
    unknown_environment: 'El entorno del perfil ya no existe. Edite el perfil y elija uno.',
    profile_missing: 'El perfil ya no existe.',
  },
  startup: {
    title: 'Tessera no pudo iniciarse',
    body: 'Los detalles se guardaron en {{file}}.',
  },
  service: {
    heldTitle: 'Otro programa está usando el puerto {{port}}',
    heldBody: 'Los programas del POS de esta computadora podrían estar enviándole sus claves de acceso a ese programa en lugar de a Tessera ({{addresses}}). Tessera toma el puerto en cuanto quede libre.',
  },
};
