import { distribution } from '@wxshop/shared/i18n/messages/areas/distribution';
import { addMessages } from '../i18n';

// Share-to-earn texts of the admin's distributor review (and its tile on the admin home).
addMessages(distribution);
