// Main's own texts in Spanish (see en.ts).
import type { MainTexts } from './types';

export const es: MainTexts = {
  tray: {
    open: 'Abrir Tessera',
    refreshAll: 'Renovar todos',
    quit: 'Salir de Tessera',
    lockNow: 'Bloquear ahora',
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
    unusable: 'No se pudieron usar 3 respuestas seguidas del proveedor; se detuvieron los intentos automáticos.',
    secrets_cleared: 'Se restableció el PIN del instalador, lo que borró los secretos del perfil; vuelva a escribirlos.',
    secret_dropped: 'No se pudo leer un secreto guardado y se guardó aparte; edite el perfil y vuelva a escribirlo.',
    secrets_unbound: 'La dirección del perfil cambió desde que se guardaron sus secretos; edite el perfil y vuelva a escribirlos.',
  },
  tokenFile: {
    dialogTitle: 'Archivo del token de «{{profile}}»',
    dialogButton: 'Usar este archivo',
  },
  startup: {
    title: 'Tessera no pudo iniciarse',
    body: 'Los detalles se guardaron en {{file}}.',
  },
  dataFolder: {
    inUse:
      'Otra instancia de Tessera ({{owner}}, pid {{pid}}) está usando la carpeta de datos {{dir}}. Ciérrelo y vuelva a iniciar Tessera.',
    owners: { electron: 'la aplicación', browser: 'un servidor para navegador', cli: 'un comando tessera', unknown: 'desconocido' },
  },
  bundles: {
    exportTitle: 'Exportar perfiles',
    importTitle: 'Importar perfiles',
    fileType: 'Paquetes de perfiles de Tessera',
    save: 'Exportar',
    open: 'Abrir',
  },
  service: {
    heldTitle: 'Otro programa está usando el puerto {{port}}',
    heldBody:
      'Los programas del POS de esta computadora podrían estar enviándole sus claves de acceso a ese programa en lugar de a Tessera ({{addresses}}). Tessera toma el puerto en cuanto quede libre.',
  },
};
