import { points } from '@wxshop/shared/i18n/messages/areas/points';
import { addMessages } from '../i18n';

// The points pages' messages: only the points subpackage loads them.
addMessages(points);
