// Main's own texts in Portuguese (see en.ts).
import type { MainTexts } from './types';

export const pt: MainTexts = {
  tray: {
    open: 'Abrir o Tessera',
    refreshAll: 'Renovar todos',
    quit: 'Sair do Tessera',
    lockNow: 'Bloquear agora',
  },
  tooltip: {
    text: 'Tessera — {{summary}}',
  },
  summary: {
    none: 'Ainda não há perfis',
    allOk_one: 'O perfil pode obter um token',
    allOk_other: 'Todos os {{count}} perfis podem obter um token',
    problems_one: '{{count}} de {{total}} precisa de atenção',
    problems_other: '{{count}} de {{total}} precisam de atenção',
    pending: 'Entrando: {{ready}} de {{total}} já podem obter um token',
  },
  notify: {
    title: 'Tessera',
    attention: '{{profile}} precisa de atenção: {{reason}}',
    attentionMany_one: '{{count}} perfil precisa de atenção. Abra o Tessera para ver o motivo.',
    attentionMany_other: '{{count}} perfis precisam de atenção. Abra o Tessera para ver o motivo.',
    expired: 'O token de {{profile}} expirou e ainda não pôde ser renovado.',
    expiredMany_one: '{{count}} token expirou e ainda não pôde ser renovado.',
    expiredMany_other: '{{count}} tokens expiraram e ainda não puderam ser renovados.',
  },
  reason: {
    generic: 'O provedor recusou as credenciais.',
    secret_unreadable: 'Um segredo salvo não pode mais ser aberto; digite os segredos de novo.',
    unknown_provider: 'Esta versão do Tessera não conhece o provedor do perfil.',
    unknown_environment: 'O ambiente do perfil não existe mais. Edite o perfil e escolha um.',
    profile_missing: 'O perfil não existe mais.',
    unusable: 'Não foi possível usar 3 respostas seguidas do provedor; as tentativas automáticas foram interrompidas.',
    secrets_cleared: 'O PIN do instalador foi redefinido, o que apagou os segredos do perfil; digite-os de novo.',
    secret_dropped: 'Não foi possível ler um segredo salvo, e ele foi guardado à parte; edite o perfil e digite-o de novo.',
    secrets_unbound: 'O endereço do perfil mudou desde que seus segredos foram salvos; edite o perfil e digite-os de novo.',
  },
  tokenFile: {
    dialogTitle: 'Arquivo do token de “{{profile}}”',
    dialogButton: 'Usar este arquivo',
  },
  startup: {
    title: 'Não foi possível iniciar o Tessera',
    body: 'Os detalhes foram gravados em {{file}}.',
  },
  dataFolder: {
    inUse: 'Outra instância do Tessera ({{owner}}, pid {{pid}}) está usando a pasta de dados {{dir}}. Feche-o e inicie o Tessera de novo.',
    owners: { electron: 'o aplicativo', browser: 'um servidor para navegador', cli: 'um comando tessera', unknown: 'desconhecido' },
  },
  bundles: {
    exportTitle: 'Exportar perfis',
    importTitle: 'Importar perfis',
    fileType: 'Pacotes de perfis do Tessera',
    save: 'Exportar',
    open: 'Abrir',
  },
  service: {
    heldTitle: 'Outro programa está usando a porta {{port}}',
    heldBody:
      'Os programas do PDV deste computador podem estar enviando suas chaves de acesso para ele em vez do Tessera ({{addresses}}). O Tessera assume a porta assim que ela ficar livre.',
  },
};
