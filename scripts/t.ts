import { mdapiSchema } from './verify/metadata/mdapi-schema.js';
import { projectIndex } from './verify/metadata/project-index.js';
import { metadataSchemaRule } from './verify/rules/metadata-schema.js';
let t = Date.now();
mdapiSchema(); console.log('wsdl', Date.now() - t); t = Date.now();
projectIndex(process.cwd()); console.log('index', Date.now() - t); t = Date.now();
metadataSchemaRule.check(process.cwd()); console.log('rule', Date.now() - t);
