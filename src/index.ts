/**
 * Care Kit's public API. Importing this module has no side effects: it
 * registers no elements and starts no engine.
 */
export * from './model/types.js';
export * from './model/limits.js';
export * from './model/errors.js';
export * from './model/validation.js';
export * from './model/rules.js';
export type { CareTransport, CareEvent, CareEventListener, EntityChange, RevokeReason, SessionSnapshot, TransportOperation } from './transport/port.js';
export { isCareEvent, isSessionSnapshot } from './transport/guards.js';
export { MemoryTransport, type MemoryTransportOptions, type FailureInjector } from './transport/memory.js';
export { CareStore, type CareStoreOptions, type CloseCheck, type CloseResolution } from './state/store.js';
export type { CareAlert } from './state/attention.js';
export type * from './state/types.js';
export { careStoreContext } from './state/context.js';
export { ObserveController } from './state/observe-controller.js';
export * from './events.js';
export { registerTranslations, registerLanguageLoader, loadLanguage, translate, availableLanguages, LocaleController } from './i18n/localize.js';
export type { StringKey, Translations } from './i18n/en.js';
export { TOKENS } from './styles/tokens.js';
export { CareElement } from './elements/care-element.js';
export { CareProvider } from './elements/care-provider/care-provider.js';
export { CareDesktop } from './elements/care-desktop/care-desktop.js';
export { CareAgentStatus } from './elements/care-agent-status/care-agent-status.js';
export { CareQueue } from './elements/care-queue/care-queue.js';
export { CareCommunication } from './elements/care-communication/care-communication.js';
export { CareJourney } from './elements/care-journey/care-journey.js';
export { CareRequestElement } from './elements/care-request/care-request.js';
export { CareActivity } from './elements/care-activity/care-activity.js';
export { CareComments } from './elements/care-comments/care-comments.js';
export { CareCustomer } from './elements/care-customer/care-customer.js';
export type { TokenName } from './styles/tokens.js';
export { adoptCareThemes, careThemesCss, darkTheme, lightTheme, themeDeclarations, themeRule, type CareTheme } from './styles/themes.js';
