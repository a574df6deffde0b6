import { defineExampleMatrix } from './example-scenarios.js'

defineExampleMatrix('chromium')
