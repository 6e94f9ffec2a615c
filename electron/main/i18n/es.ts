// Main's own texts in Spanish (see en.ts).
import type { MainTexts } from './types';

export const es: MainTexts = {
  tray: {
    open: 'Abrir Tessera',
    refreshAll: 'Renovar todo',
    quit: 'Salir de Tessera',
  },
  tooltip: {
    text: 'Tessera — {{summary}}',
  },
  summary: {
    none: 'Todavía no hay perfiles',
    allOk_one: 'El perfil puede obtener un token',
    allOk_other: 'Los {{count}} perfiles pueden obtener un token',
    problems_one: '{{count}} de {{total}} requiere atención',
    problems_other: '{{count}} de {{total}} requieren atención',
    pending: 'Iniciando sesión: {{ready}} de {{total}} ya pueden obtener un token',
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
};
