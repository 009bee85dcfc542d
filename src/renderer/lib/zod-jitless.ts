// zod 4 compiles fast parsers with `new Function` when it thinks eval is allowed. The renderer's
// CSP (script-src 'self', no 'unsafe-eval') forbids that, so parse without code generation.
import { z } from "zod";

z.config({ jitless: true });
