import pkg from '../../package.json';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../nodes/shared/version';

it('the User-Agent names the package and version that package.json declares', () => {
	expect(PACKAGE_NAME).toBe(pkg.name);
	expect(PACKAGE_VERSION).toBe(pkg.version);
});
