import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core writes its config under N8N_USER_FOLDER (default ~/.n8n): tests keep it in a throwaway folder.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-wechatpay-test-'));
