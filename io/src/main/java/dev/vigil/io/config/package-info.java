/** JSON configuration in TIM's shape, read with Jackson, with every problem reported together. */
package dev.vigil.io.config;
