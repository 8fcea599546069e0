import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A whole test app renders in well under a second alone, but CI runs every
// package's suites in parallel on two cores: `findBy…` waits up to 5 s, not 1.
configure({ asyncUtilTimeout: 5000 });
