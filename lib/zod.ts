/**
 * The one place zod is configured. Extension pages run under the MV3 content security policy,
 * which forbids `new Function`, so zod must not try its JIT: `jitless` has to be set before any
 * schema is defined. Every module that defines schemas imports `z` from here, never from 'zod'.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
