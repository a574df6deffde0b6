import { defineMatrix } from './scenarios.js'

defineMatrix('chromium')
