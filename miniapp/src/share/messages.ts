import { distribution } from '@wxshop/shared/i18n/messages/areas/distribution';
import { addMessages } from '../i18n';

// The share subpackage's messages: every page of it imports this module first, so they load with the
// subpackage and the main package carries none of them.
addMessages(distribution);
