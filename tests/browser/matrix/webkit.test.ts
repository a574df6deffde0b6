import { defineMatrix } from './scenarios.js'

defineMatrix('webkit')
