import { defineExampleMatrix } from './example-scenarios.js'

defineExampleMatrix('firefox')
