// The CLI straight from source (what bin/startup-help.js runs from dist/), for child-process tests.
import { main } from '../../server/cli/main.js'

process.exitCode = await main(process.argv.slice(2))
