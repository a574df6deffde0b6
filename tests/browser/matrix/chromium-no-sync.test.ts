import { defineMatrix } from './scenarios.js'

defineMatrix('chromium-no-sync')
