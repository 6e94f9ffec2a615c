// Los textos de la línea de comandos en español (las mismas claves que en.ts).
import type { CliMessages } from './types';

export const es: CliMessages = {
  help: {
    program: 'Tessera sin ventana: exportar e importar paquetes de perfiles, ver el estado de los perfiles, renovar tokens.',
    helpOption: 'mostrar la ayuda',
    helpCommand: 'mostrar la ayuda de un comando',
    titles: { usage: 'Uso:', options: 'Opciones:', commands: 'Comandos:', arguments: 'Argumentos:' },
    commands: {
      export: 'guardar los perfiles elegidos en un paquete cifrado con frase de contraseña (.tessera)',
      import: 'añadir los perfiles de un paquete a la carpeta de datos e iniciar sesión con cada uno',
      status: 'estado de cada perfil, vencimiento del token y último error (solo lectura; funciona con la aplicación abierta)',
      refresh: 'renovar el token de un perfil o de todos',
    },
    options: {
      dataDir: 'la carpeta de datos (la que usa la aplicación o el host del navegador)',
      dataDirApp: 'la carpeta de datos (por defecto, la de esta aplicación)',
      out: 'el archivo del paquete que se escribe (se reemplaza si existe)',
      in: 'el archivo del paquete que se lee',
      passphraseFile: 'un archivo cuya primera línea es la frase de contraseña; "-" la lee de la entrada estándar',
      profiles: 'solo estos perfiles, por nombre, separados por comas (por defecto, todos)',
      withoutSecrets: 'crear una plantilla: sin ningún secreto; quien la importe los escribe',
      set: 'el valor de esta terminal para cada perfil que lo necesite: posSerial=… o posOsVersion=… (repetible; la versión del sistema es, por defecto, la de este equipo)',
      onClash:
        'si ya existe un perfil con el mismo nombre: skip (omitir), replace (reemplazar) o rename (renombrar); por defecto, rechazar',
      json: 'mostrar el resultado en JSON (formato en docs/fleet.md)',
      all: 'renovar todos los perfiles',
      name: 'el nombre del perfil',
    },
    exitCodes:
      'Códigos de salida:\n' +
      '  export, import, refresh:\n' +
      '    0 hecho; 1 rechazado o fallido, no se escribió nada; 2 guardado, pero algunos perfiles\n' +
      '    no tienen un token válido; 3 la aplicación tiene la carpeta de datos, no se escribió nada\n' +
      '  status:\n' +
      '    0 OK; 1 WARNING (reintentando, por vencer o Tessera sin ejecutarse);\n' +
      '    2 CRITICAL (algunos perfiles no pueden obtener un token); 3 UNKNOWN (sin datos, almacén ilegible)\n' +
      '  cualquier comando: 64 argumentos incorrectos',
    args: {
      folder: 'carpeta',
      file: 'archivo',
      names: 'nombres',
      fieldValue: 'campo=valor',
      action: 'acción',
      name: 'nombre',
      options: 'opciones',
      command: 'comando',
    },
  },
  usage: {
    unknownOption: 'Opción desconocida: {{option}}.',
    unknownCommand: 'Comando desconocido: {{command}}.',
    missingOption: 'Falta la opción obligatoria {{option}}.',
    optionNeedsValue: 'La opción {{option}} necesita un valor.',
    missingArgument: 'Falta un argumento obligatorio.',
    tooMany: 'Sobran argumentos.',
    invalid: 'Estos argumentos no son válidos.',
    noCommand: 'Indique qué hacer: export, import, status o refresh.',
    seeHelp: 'Uso: {{usage}}\nMás: {{program}} help {{command}}',
    setFormat: '--set recibe campo=valor, por ejemplo --set posSerial=POS-0042.',
    setField:
      '--set solo admite posSerial o posOsVersion: los valores que cambian de una terminal a otra. Los secretos nunca se toman de la línea de comandos.',
    onClash: '--on-clash admite skip, replace o rename.',
    refreshTarget: 'Indique un perfil o use --all (no ambos).',
    profilesEmpty: '--profiles necesita al menos un nombre de perfil.',
  },
  errors: {
    locked: {
      electron:
        'La aplicación Tessera (pid {{pid}}) tiene la carpeta de datos {{dir}}: ciérrela y vuelva a ejecutar esto. No se cambió nada.',
      browser:
        'Un servidor para navegador de Tessera (pid {{pid}}) tiene la carpeta de datos {{dir}}: deténgalo y vuelva a ejecutar esto. No se cambió nada.',
      cli: 'Otro comando tessera (pid {{pid}}) está cambiando la carpeta de datos {{dir}}: espere a que termine y vuelva a ejecutar esto. No se cambió nada.',
      unknown: 'Otro programa de Tessera está abriendo la carpeta de datos {{dir}}: inténtelo de nuevo en un momento. No se cambió nada.',
    },
    passphraseFile: 'No se pudo leer el archivo de la frase de contraseña {{file}}.',
    passphraseEmpty: 'El archivo {{file}} no contiene ninguna frase de contraseña.',
    passphraseShort: 'La frase de contraseña es demasiado corta: un paquete necesita al menos {{min}} caracteres.',
    bundle: {
      not_bundle: '{{file}} no es un paquete de perfiles de Tessera.',
      passphrase: 'La frase de contraseña no abre {{file}} (o el archivo fue modificado). No se importó nada.',
      damaged: '{{file}} está dañado: quedó incompleto o se modificó después de crearse. No se importó nada.',
      newer_version:
        '{{file}} se creó con un Tessera más reciente (formato de paquete {{version}}). Actualice Tessera para importarlo; no se importó nada.',
      invalid: '{{file}} se abre, pero no contiene perfiles de Tessera válidos. No se importó nada.',
      invalid_profile: 'El perfil «{{profile}}» de {{file}} no es válido ({{field}}: {{problem}}). No se importó nada.',
      too_large: '{{file}} es demasiado grande para un paquete de perfiles.',
      secret_unreadable:
        'Un secreto guardado de «{{profile}}» ya no se puede abrir (cambió el llavero): vuelva a escribirlo en la aplicación y luego exporte. No se escribió nada.',
      passphrase_short: 'La frase de contraseña es demasiado corta: un paquete necesita al menos {{min}} caracteres.',
      expired: 'El paquete ya no está abierto.',
      file: 'No se pudo leer ni escribir el archivo {{file}}.',
    },
    outFile: 'No se pudo escribir el paquete en {{file}}.',
    noData: 'No hay perfiles en {{dir}}.',
    storeUnreadable: 'No se puede leer el almacén de {{dir}}; abra Tessera para repararlo. No se cambió nada.',
    unknownProfile: 'No hay ningún perfil llamado «{{name}}» en {{dir}}.',
    clash: 'Ya existe un perfil llamado «{{name}}» en {{dir}}: elija --on-clash skip, replace o rename. No se importó nada.',
    missingValue: '«{{name}}» necesita el dato {{field}} de esta terminal: indíquelo con --set {{field}}=…. No se importó nada.',
    templateSecret:
      '«{{name}}» viene sin su {{field}} (el paquete es una plantilla): impórtelo en la Configuración de Tessera, donde lo escribe, o use un paquete con secretos. No se importó nada.',
    invalidValue: 'El dato {{field}} indicado para «{{name}}» no es válido: {{problem}} No se importó nada.',
    encryptionUnavailable: 'Este equipo no puede sellar secretos (no hay un llavero utilizable). No se importó nada.',
    internal: 'Algo falló dentro de Tessera ({{name}}). No se cambió nada.',
  },
  fields: {
    clientId: 'ID de cliente',
    clientSecret: 'secreto de cliente',
    username: 'usuario',
    password: 'contraseña',
    scope: 'alcance',
    posSerial: 'número de serie del POS',
    posOsVersion: 'versión del sistema del POS',
    posFramework: 'framework del POS',
    preSharedKey: 'clave precompartida',
    name: 'nombre',
    provider: 'proveedor',
    environment: 'entorno',
  },
  problems: {
    required: 'falta.',
    tooLong: 'es demasiado largo.',
    controlChars: 'contiene saltos de línea o caracteres de control.',
    headerChars: 'solo se admiten letras simples, números, espacios y signos de puntuación.',
    email: 'no es una dirección de correo.',
    nameChars: 'un nombre no puede contener / ni \\.',
    nameTaken: 'el nombre ya está en uso.',
    environment: 'entorno desconocido.',
    provider: 'proveedor desconocido (¿creado con un Tessera más reciente?).',
    invalid: 'no es un valor válido.',
  },
  export: {
    done_one: 'Se exportó {{count}} perfil con sus secretos a {{file}}.',
    done_other: 'Se exportaron {{count}} perfiles con sus secretos a {{file}}.',
    template_one: 'Se exportó {{count}} perfil sin secretos (una plantilla) a {{file}}.',
    template_other: 'Se exportaron {{count}} perfiles sin secretos (una plantilla) a {{file}}.',
  },
  import: {
    done: 'Importado de {{file}}: {{created}} nuevos, {{replaced}} reemplazados, {{skipped}} omitidos.',
    allValid: 'Todos los perfiles importados iniciaron sesión.',
    someInvalid_one: '{{count}} perfil importado no tiene un token válido: vea arriba, corríjalo en Tessera o ejecute refresh.',
    someInvalid_other: '{{count}} perfiles importados no tienen un token válido: vea arriba, corríjalos en Tessera o ejecute refresh.',
  },
  refresh: {
    allValid: 'Todos los perfiles renovados tienen un token válido.',
    someInvalid_one: '{{count}} perfil no tiene un token válido.',
    someInvalid_other: '{{count}} perfiles no tienen un token válido.',
  },
  result: {
    valid: '✓ {{name}} ({{provider}}): token válido hasta {{until}}',
    failed: '✗ {{name}} ({{provider}}): {{reason}}',
    skipped: '– {{name}}: omitido, ya existe un perfil con este nombre',
  },
  reasons: {
    credentials: 'inicio de sesión rechazado ({{code}})',
    'refresh-rejected': 'sesión rechazada ({{code}})',
    transient: 'problema temporal ({{code}}); Tessera reintenta cuando se ejecuta',
    protocol: 'respuesta inesperada del proveedor ({{code}})',
    noToken: 'sin token',
  },
  status: {
    ok_one: 'OK: el perfil puede obtener un token.',
    ok_other: 'OK: los {{count}} perfiles pueden obtener un token.',
    warningNotRunning: 'WARNING: Tessera no se está ejecutando, así que nadie renueva los tokens.',
    warning_one: 'WARNING: {{count}} perfil está reintentando o por vencer.',
    warning_other: 'WARNING: {{count}} perfiles están reintentando o por vencer.',
    critical_one: 'CRITICAL: {{count}} perfil no puede obtener un token.',
    critical_other: 'CRITICAL: {{count}} perfiles no pueden obtener un token.',
    noData: 'UNKNOWN: no hay perfiles en {{dir}}.',
    unreadable: 'UNKNOWN: no se puede leer el almacén de {{dir}}.',
    running: 'Tessera se está ejecutando ({{host}}, pid {{pid}}).',
    notRunning: 'Tessera no se está ejecutando.',
    hosts: { electron: 'la aplicación', browser: 'el host del navegador', cli: 'un comando tessera' },
    states: {
      valid: 'válido hasta {{until}}',
      expiring: 'vence a las {{until}}',
      retrying: 'reintentando; el token es válido hasta {{until}}',
      failing: 'no puede obtener un token',
      'needs-attention': 'requiere atención: el proveedor rechazó el inicio de sesión y Tessera dejó de intentarlo',
      expired: 'el token venció el {{until}}',
      'signed-out': 'sin sesión iniciada',
    },
    lastError: 'último error {{at}}: {{code}}',
  },
  stdinPrompt: 'Frase de contraseña: ',
};
