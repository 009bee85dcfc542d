// Imported first by the fake bridge bundle: zod decides at schema construction whether to compile
// parsers with `new Function`, and the page's CSP forbids eval once the document has loaded.
import { z } from "zod";

z.config({ jitless: true });
