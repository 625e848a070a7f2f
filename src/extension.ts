// Composition root: builds the services and registers the features. No work beyond wiring happens
// here: the bank loads on first use, the search index on first search.
import * as vscode from 'vscode';
import { BankService } from './vscode/bankService';
import { DocumentContexts } from './vscode/documentContext';
import { DlHoverProvider } from './vscode/hoverProvider';
import { Settings } from './vscode/settings';
import { ProgressService } from './vscode/progressService';
import { SearchService } from './vscode/searchService';
import { TopicTreeProvider } from './vscode/topicTree';
import { QuizPanel, QUIZ_VIEW_TYPE, type QuizPanelDeps } from './vscode/quizPanel';
import { QuizLauncher } from './vscode/quizLauncher';
import { registerCommands } from './vscode/commands';
import { createPublicApi, type TensorTutorApi } from './vscode/publicApi';
import { StatusBar } from './vscode/statusBar';
import { ReaderPanel } from './vscode/readerPanel';
import { registerFeatureCommands } from './vscode/featureCommands';
import { StatsPanel, STATS_VIEW_TYPE } from './vscode/statsPanel';
import { DeckService } from './vscode/deckService';
import { registerChecks } from './vscode/checks';

/** Background work (user decks, the study-data check) starts this long after activation, off its path. */
const IDLE_START_MS = 1500;

export interface ActivationResult extends TensorTutorApi {
  /** For the integration tests only. */
  readonly internals: {
    bank: BankService;
    decks: DeckService;
    progress: ProgressService;
    search: SearchService;
    tree: TopicTreeProvider;
    activationMs: number;
    quizPanel(): QuizPanel | undefined;
    readerPanel(): ReaderPanel | undefined;
    statsPanel(): StatsPanel | undefined;
    serializer: vscode.WebviewPanelSerializer;
  };
}

export function activate(context: vscode.ExtensionContext): ActivationResult {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Tensor Tutor', { log: true });
  const settings = new Settings();
  const bank = new BankService(context.extensionUri, log);
  const decks = new DeckService(bank, settings, log);
  const progress = new ProgressService(context, settings, log);
  const search = new SearchService(bank);
  const contexts = new DocumentContexts();
  const tree = new TopicTreeProvider(bank, progress);
  const treeView = vscode.window.createTreeView('tensorTutor.topics', { treeDataProvider: tree, showCollapseAll: true });

  const panelDeps = (): QuizPanelDeps => ({
    extensionUri: context.extensionUri,
    bank,
    progress,
    log,
    openQuestion: (id) => vscode.commands.executeCommand('tensorTutor.openQuestion', id),
    studyMore: () => vscode.commands.executeCommand('tensorTutor.startQuiz'),
  });
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel, state) {
      await bank.withDecks(); // a saved session may hold deck question ids
      QuizPanel.revive(panel, panelDeps(), state);
    },
  };
  const launcher = new QuizLauncher(bank, progress, settings, contexts, panelDeps);

  let hoverRegistration = registerHover();
  function registerHover(): vscode.Disposable {
    const selector = settings.hoverLanguages().flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }, { language, scheme: 'vscode-notebook-cell' }, { language, scheme: 'vscode-vfs' }]);
    return vscode.languages.registerHoverProvider(selector, new DlHoverProvider(bank, contexts, settings, {
      statusOf: (concept) => {
        const statuses = concept.questionIds.map((id) => progress.status(id));
        if (!statuses.length || statuses.every((s) => s === 'new')) return undefined;
        if (statuses.includes('due')) return vscode.l10n.t('due');
        return statuses.every((s) => s === 'mastered') ? vscode.l10n.t('mastered') : vscode.l10n.t('learning');
      },
    }));
  }

  context.subscriptions.push(
    log, bank, decks, progress, search, tree, treeView,
    { dispose: () => hoverRegistration.dispose() },
    new StatusBar(progress, bank, settings),
    vscode.window.registerWebviewPanelSerializer(QUIZ_VIEW_TYPE, serializer),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Settings.affects(event, 'hover.languages')) {
        hoverRegistration.dispose();
        hoverRegistration = registerHover();
      }
      if (Settings.affects(event, 'desiredRetention')) progress.onSettingsChanged();
    }),
    ...registerCommands({ context, bank, progress, search, contexts, launcher, tree, treeView, log }),
    ...registerFeatureCommands(context, { extensionUri: context.extensionUri, bank, progress, log }),
    vscode.window.registerWebviewPanelSerializer(STATS_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => void StatsPanel.revive(panel, { extensionUri: context.extensionUri, bank, progress, log }),
    }),
  );
  context.subscriptions.push(registerChecks({ extensionUri: context.extensionUri, log }));
  const idle = setTimeout(() => {
    void decks.ensureLoaded();
    void progress.recover();
  }, IDLE_START_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(idle) });
  const api = createPublicApi(bank, search);
  const activationMs = Date.now() - started;
  log.info(`Activated in ${activationMs} ms`);
  return { ...api, internals: { bank, decks, progress, search, tree, activationMs, quizPanel: () => QuizPanel.active, readerPanel: () => ReaderPanel.active, statsPanel: () => StatsPanel.active, serializer } };
}

export function deactivate(): void {}
