import { defineMatrix } from './scenarios.js'

defineMatrix('firefox')
