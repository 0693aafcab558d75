#!/usr/bin/env node
// Jixiao's command line. The TypeScript sources run directly on Node ≥ 22.18
// (type stripping); `npx jixiao` uses the project's pinned Node 24.
import { main } from "../src/cli/main.ts";

process.exitCode = await main(process.argv.slice(2));
