import type { HelpDefaults } from '../../formats/help-model.js'

/**
 * The help defaults of the sample app `crm` (version 1.4.2, status service at
 * status.example.com), for tests and the bench that build help models by hand.
 *
 * @example
 * const model: HelpModel = { …, defaults: crmDefaults('en') }
 */
export function crmDefaults(lang: string | null): HelpDefaults {
  return {
    app: 'crm',
    appVersion: '1.4.2',
    helpText: null,
    helpUrl: null,
    statusUrl: 'https://status.example.com',
    lang,
    strings: {},
  }
}
